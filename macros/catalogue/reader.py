"""Walking ``data/`` and reading each file once, collecting Dutch errors instead of raising the first.

The walk never follows a symbolic link and never skips anything silently: a symlink, a hidden entry
(``.gitattributes``, ``.gitkeep``), a pipe or device, a misplaced or unknown file is an error naming it.
Each YAML file is read (``yamlfile``) and validated against its model once; a file that fails is
remembered (``failed``), so that the cross-file checks do not report follow-on errors about it.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from macros.catalogue.errors import DataError, field_path
from macros.catalogue.messages import translate_errors, typed_values
from macros.catalogue.yamlerrors import YamlError
from macros.catalogue.yamlfile import YamlFile, read_yaml_file
from macros.model import slug_ok

# Under `mkdocs serve --dirty` (macros/site/incremental.py sets a dict here) each file's validation is kept
# between rebuilds, keyed by its path and model and checked against its parse (``yamlfile.PARSED`` gives the same
# YamlFile object for the same bytes): a rebuild after one edit validates one file. None outside serve.
VALIDATED: dict[tuple[str, type], tuple[YamlFile, object, list[DataError]]] | None = None


class Reader:
    """Collects errors while reading; each file is read and validated exactly once."""

    def __init__(self, data_dir: Path, field_names: set[str]):
        self.root = data_dir
        self.errors: list[DataError] = []
        self.yaml_files: dict[str, YamlFile] = {}
        self.field_names = field_names
        self.failed: dict[str, str] = {}  # 'product:<regio>/<id>' or 'regio:<id>' -> file that failed
        self.files: set[Path] = set()
        self.dirs: set[Path] = set()
        parent = str(data_dir.parent)
        self._prefix = parent if parent.endswith(os.sep) else parent + os.sep
        self._scan()

    def rel(self, path: Path) -> str:
        """path relative to data/'s parent, with '/' (a string prefix for the paths the walk found: pathlib's
        relative_to for 10,000 paths was a tenth of loading 5,000 products)."""
        text, prefix = str(path), self._prefix
        if text.startswith(prefix):
            return text[len(prefix):].replace(os.sep, "/")
        return path.relative_to(self.root.parent).as_posix()

    def error(self, path: Path, problem: str, fix: str, line: int | None = None, field: str | None = None) -> None:
        self.errors.append(DataError(self.rel(path), line, field, problem, fix))

    def _scan(self) -> None:
        """Every regular file and folder under data/, without following links; anything else is an error."""
        stack = [self.root] if self.root.is_dir() else []
        while stack:
            folder = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                self.error(folder, "deze map kan niet worden gelezen", "controleer de map en de rechten")
                continue
            for e in entries:
                path = Path(e.path)
                if e.name.startswith("."):
                    kind = "map" if e.is_dir(follow_symlinks=False) else "bestand"
                    self.error(path, f"een verborgen {kind} (de naam begint met een punt) hoort niet in data/",
                              "verwijder het; instellingen als .gitattributes horen in de hoofdmap van de repository, "
                              "waar ze de data niet ongemerkt veranderen")
                elif e.is_symlink():
                    self.error(path, "een symbolische koppeling (symlink); die wordt niet gevolgd",
                              "vervang de koppeling door het bestand of de map zelf")
                elif e.is_dir(follow_symlinks=False):
                    self.dirs.add(path)
                    stack.append(path)
                elif e.is_file(follow_symlinks=False):
                    self.files.add(path)
                else:
                    self.error(path, "dit is geen gewoon bestand of map", "verwijder het")

    def read(self, path: Path, model: type[BaseModel], failure_key: str | None = None):
        """The validated model of one file, or None (its errors collected, and `sleutel` marked as failed)."""
        name = self.rel(path)
        try:
            result = self._read(path, name, model)
        except Exception as exc:  # last resort: a data file must never produce a traceback
            self.error(path, f"het bestand kon niet worden verwerkt (interne fout: {type(exc).__name__})",
                      "meld dit bij de beheerders van het productenboek, met dit bestand erbij")
            result = None
        if result is None and failure_key:
            self.failed[failure_key] = name
        return result

    def _read(self, path: Path, name: str, model: type[BaseModel]):
        try:
            yf = read_yaml_file(path)
        except YamlError as exc:
            self.errors.append(DataError(name, exc.line, field_path(exc.path), exc.problem, exc.fix, exc.column))
            return None
        self.yaml_files[name] = yf
        if not isinstance(yf.data, dict):
            self.error(path, "het bestand bevat geen blok met velden", "begin het bestand met 'veld: waarde'-regels", 1)
            return None
        if VALIDATED is not None and (hit := VALIDATED.get((name, model))) is not None and hit[0] is yf:
            self.errors.extend(hit[2])
            return hit[1]
        try:
            result = model.model_validate(yf.data)
            reported: list[DataError] = []
        except ValidationError as exc:
            result, reported = None, translate_errors(exc, name, yf, self.field_names)
        errors = [*reported, *typed_values(yf, name, {f.field for f in reported})]
        self.errors.extend(errors)
        if VALIDATED is not None:
            VALIDATED[(name, model)] = (yf, result, errors)
        return result

    def yaml_files_in(self, folder: Path, depth: int) -> list[Path]:
        """YAML files exactly `diepte` levels below `map_`; anything else there is an error, never skipped."""
        found = []
        prefix = str(folder) + os.sep
        # in pathlib's order (by parts), without its comparisons: the same order as sorting the paths themselves
        for text, path in sorted((t.split(os.sep), p) for p in self.files if (t := str(p)).startswith(prefix)):
            level = len(text) - prefix.count(os.sep)
            if path.suffix == ".yml":
                self.error(path, "bestand eindigt op .yml", "hernoem het naar .yaml")
            elif path.suffix != ".yaml":
                self.error(path, "onbekend bestand in de datamap", "verwijder het, of maak er een .yaml-bestand van")
            elif level != depth:
                expected = "direct in de map" if depth == 1 else "in een submap per regio"
                self.error(path, f"bestand staat op de verkeerde plek (hoort {expected} {self.rel(folder)})", "verplaats het bestand")
            elif not slug_ok(path.stem) or (depth == 2 and not slug_ok(path.parent.name)):
                self.error(path, "de bestands- of mapnaam is geen geldige id", "gebruik kleine letters, cijfers en koppeltekens, bv. 45f21.yaml")
            else:
                found.append(path)
        return found
