from streakline.entry import main

main()
