"""LiveCalc's Python side: the engine interface, the worker that hosts an engine for the JVM, and the
shipped engines (``livecalc.engines``). Unpacked from the livecalc-engines jar; do not edit the copy."""
