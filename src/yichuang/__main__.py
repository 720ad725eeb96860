from yichuang.cli import main

main()
