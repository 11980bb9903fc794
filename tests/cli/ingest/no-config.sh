# Without a configuration file the stage stops with a usage error.
jsna-ingest -c missing.ini
