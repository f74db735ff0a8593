from civicpulse.runtime.app import main
from scoring.app import ScoringApp

main(ScoringApp)
