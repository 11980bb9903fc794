jsna-ingest --bogus
