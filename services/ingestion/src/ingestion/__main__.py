from civicpulse.runtime.app import main
from ingestion.app import IngestionApp

main(IngestionApp)
