"""Read one YAML file into plain data plus a map from field path to line number.

PyYAML silently keeps the last of two equal keys; here that is an error, as is
any syntax error, each with its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

Pad = tuple[str | int, ...]


class YamlError(Exception):
    def __init__(self, regel: int | None, probleem: str, oplossing: str):
        super().__init__(probleem)
        self.regel, self.probleem, self.oplossing = regel, probleem, oplossing


@dataclass
class YamlFile:
    data: object
    regels: dict[Pad, int] = field(default_factory=dict)

    def regel(self, pad: Pad) -> int | None:
        """The line of a field, or of the nearest parent that has one."""
        for n in range(len(pad), -1, -1):
            if pad[:n] in self.regels:
                return self.regels[pad[:n]]
        return None


def _walk(node: yaml.Node, pad: Pad, regels: dict[Pad, int]) -> None:
    regels.setdefault(pad, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        gezien: dict[object, int] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1
            if key in gezien:
                raise YamlError(
                    line,
                    f"het veld '{key}' staat twee keer in hetzelfde blok (eerst op regel {gezien[key]})",
                    "houd één van beide over; YAML zou anders stilzwijgend de laatste nemen",
                )
            gezien[key] = line
            regels[pad + (key,)] = line
            _walk(value_node, pad + (key,), regels)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            regels[pad + (i,)] = item.start_mark.line + 1
            _walk(item, pad + (i,), regels)


# libyaml's loader when PyYAML has it (about 25x faster); the same results either way.
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(tekst: str) -> YamlFile:
    """Parse once: compose the node tree (for lines and duplicate keys), then construct the data from it."""
    loader = Loader(tekst)
    try:
        node = loader.get_single_node()
        regels: dict[Pad, int] = {}
        if node is not None:
            _walk(node, (), regels)
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        regel = mark.line + 1 if mark else None
        detail = exc.problem or str(exc)
        raise YamlError(
            regel,
            f"de YAML is niet leesbaar ({detail})",
            "controleer inspringing, dubbele punten en aanhalingstekens rond deze regel; "
            "zet tekst met ': ' of '#' erin tussen aanhalingstekens",
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(None, f"de YAML is niet leesbaar ({exc})", "controleer de opmaak van het bestand") from None
    finally:
        loader.dispose()
    return YamlFile(data=data, regels=regels)


def read_yaml_file(pad: Path) -> YamlFile:
    try:
        tekst = pad.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise YamlError(None, "het bestand is geen UTF-8-tekst", "sla het bestand op als UTF-8") from None
    return parse_yaml(tekst)
