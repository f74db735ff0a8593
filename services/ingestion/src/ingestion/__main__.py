from civicpulse.runtime.app import bootstrap
from civicpulse.runtime.lifecycle import run
from civicpulse.runtime.settings import load_settings
from ingestion.app import IngestionApp
from ingestion.settings import IngestionSettings

settings = load_settings(IngestionSettings)
bootstrap(IngestionApp.name, settings)
run(IngestionApp(settings))
