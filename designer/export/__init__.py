"""Export, import and auto-layout: pure functions of the design graph, rendered through graphviz."""
