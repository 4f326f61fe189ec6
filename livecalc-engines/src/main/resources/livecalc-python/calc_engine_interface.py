"""The seed's module name: ``from calc_engine_interface import ICalcEngine`` keeps working unchanged."""
from livecalc.calc_engine_interface import *  # noqa: F401,F403
from livecalc.calc_engine_interface import __all__  # noqa: F401
