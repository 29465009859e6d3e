from streakline.cli import main

main()
