from civicpulse.runtime.app import main
from console.app import ConsoleApp

main(ConsoleApp)
