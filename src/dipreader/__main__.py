from dipreader.cli import main

raise SystemExit(main())
