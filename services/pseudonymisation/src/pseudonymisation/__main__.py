from civicpulse.runtime.app import main
from pseudonymisation.app import PseudonymisationApp

main(PseudonymisationApp)
