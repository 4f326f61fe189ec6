"""Engines shipped with LiveCalc: ``esg.EsgEngine`` (python_esg) and ``solver.SolverEngine`` (python_solver)."""
