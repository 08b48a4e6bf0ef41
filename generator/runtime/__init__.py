"""How the pipeline runs: processes on every core (`parallel`) and the content caches (`cache`)."""
