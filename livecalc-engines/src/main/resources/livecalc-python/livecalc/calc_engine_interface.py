"""The Python engine contract, as in the original system (seed README, "Python Interface").

An engine implements ``ICalcEngine``; the bridge hands ``runChunk`` numpy structured arrays that are views
of the JVM's shared buffers (no copy): write results into ``output_buffer`` in place.
"""
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, Dict, Optional

__all__ = ["ICalcEngine", "EngineInfo", "CalcEngineError", "InitializationError", "ConfigurationError",
           "ExecutionError"]


@dataclass
class EngineInfo:
    """Engine metadata (the seed's ``EngineInfo``)."""
    name: str
    version: str
    engine_type: str
    supports_assumptions_manager: bool = False
    max_buffer_size: int = 0


class CalcEngineError(Exception):
    """Root of engine failures (Java: CalcEngineException)."""


class InitializationError(CalcEngineError):
    """The engine could not be brought up (Java: InitializationException)."""


class ConfigurationError(CalcEngineError):
    """A configuration value is missing, malformed or out of range (Java: ConfigurationException)."""


class ExecutionError(CalcEngineError):
    """runChunk failed (Java: EngineExecutionException)."""


class ICalcEngine(ABC):
    @abstractmethod
    def initialize(self, config: Dict[str, Any], credentials: Optional[Dict[str, str]] = None) -> None:
        """Initialize engine with config and AM credentials"""

    @abstractmethod
    def get_info(self) -> EngineInfo:
        """Get engine metadata"""

    @abstractmethod
    def runChunk(self, input_buffer, output_buffer) -> Dict[str, Any]:
        """Execute computation and write results to output buffer"""

    @abstractmethod
    def dispose(self) -> None:
        """Clean up resources"""

    @property
    @abstractmethod
    def is_initialized(self) -> bool:
        """Check if engine is initialized"""
