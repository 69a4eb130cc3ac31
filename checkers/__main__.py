from .faces._cli import main

raise SystemExit(main())
