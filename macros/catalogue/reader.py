"""Walking ``data/`` and reading each file once, collecting Dutch errors instead of raising the first.

The walk never follows a symbolic link and never skips anything silently: a symlink, a hidden entry
(``.gitattributes``, ``.gitkeep``), a pipe or device, a misplaced or unknown file is an error naming it.
Each YAML file is read (``yamlfile``) and validated against its model once; a file that fails is
remembered (``mislukt``), so that the cross-file checks do not report follow-on errors about it.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

from macros.catalogue.errors import DataError, field_path
from macros.catalogue.messages import translate_errors, typed_values
from macros.catalogue.yamlfile import YamlError, YamlFile, read_yaml_file
from macros.model import slug_ok


class Reader:
    """Collects errors while reading; each file is read and validated exactly once."""

    def __init__(self, data_dir: Path, veldnamen: set[str]):
        self.root = data_dir
        self.errors: list[DataError] = []
        self.bestanden: dict[str, YamlFile] = {}
        self.veldnamen = veldnamen
        self.mislukt: dict[str, str] = {}  # 'product:<regio>/<id>' or 'regio:<id>' -> file that failed
        self.files: set[Path] = set()
        self.dirs: set[Path] = set()
        self._scan()

    def rel(self, pad: Path) -> str:
        return pad.relative_to(self.root.parent).as_posix()

    def fout(self, pad: Path, probleem: str, oplossing: str, regel: int | None = None, veld: str | None = None) -> None:
        self.errors.append(DataError(self.rel(pad), regel, veld, probleem, oplossing))

    def _scan(self) -> None:
        """Every regular file and folder under data/, without following links; anything else is an error."""
        stack = [self.root] if self.root.is_dir() else []
        while stack:
            map_ = stack.pop()
            try:
                entries = sorted(os.scandir(map_), key=lambda e: e.name)
            except OSError:
                self.fout(map_, "deze map kan niet worden gelezen", "controleer de map en de rechten")
                continue
            for e in entries:
                pad = Path(e.path)
                if e.name.startswith("."):
                    soort = "map" if e.is_dir(follow_symlinks=False) else "bestand"
                    self.fout(pad, f"een verborgen {soort} (de naam begint met een punt) hoort niet in data/",
                              "verwijder het; instellingen als .gitattributes horen in de hoofdmap van de repository, "
                              "waar ze de data niet ongemerkt veranderen")
                elif e.is_symlink():
                    self.fout(pad, "een symbolische koppeling (symlink); die wordt niet gevolgd",
                              "vervang de koppeling door het bestand of de map zelf")
                elif e.is_dir(follow_symlinks=False):
                    self.dirs.add(pad)
                    stack.append(pad)
                elif e.is_file(follow_symlinks=False):
                    self.files.add(pad)
                else:
                    self.fout(pad, "dit is geen gewoon bestand of map", "verwijder het")

    def lees(self, pad: Path, model: type[BaseModel], sleutel: str | None = None):
        """The validated model of one file, or None (its errors collected, and `sleutel` marked as failed)."""
        naam = self.rel(pad)
        try:
            resultaat = self._lees(pad, naam, model)
        except Exception as exc:  # last resort: a data file must never produce a traceback
            self.fout(pad, f"het bestand kon niet worden verwerkt (interne fout: {type(exc).__name__})",
                      "meld dit bij de beheerders van het productenboek, met dit bestand erbij")
            resultaat = None
        if resultaat is None and sleutel:
            self.mislukt[sleutel] = naam
        return resultaat

    def _lees(self, pad: Path, naam: str, model: type[BaseModel]):
        try:
            yf = read_yaml_file(pad)
        except YamlError as exc:
            self.errors.append(DataError(naam, exc.regel, field_path(exc.veld), exc.probleem, exc.oplossing, exc.kolom))
            return None
        self.bestanden[naam] = yf
        if not isinstance(yf.data, dict):
            self.fout(pad, "het bestand bevat geen blok met velden", "begin het bestand met 'veld: waarde'-regels", 1)
            return None
        try:
            resultaat = model.model_validate(yf.data)
            gemeld: list[DataError] = []
        except ValidationError as exc:
            resultaat, gemeld = None, translate_errors(exc, naam, yf, self.veldnamen)
        self.errors.extend(gemeld)
        self.errors.extend(typed_values(yf, naam, {f.veld for f in gemeld}))
        return resultaat

    def yaml_files_in(self, map_: Path, diepte: int) -> list[Path]:
        """YAML files exactly `diepte` levels below `map_`; anything else there is an error, never skipped."""
        gevonden = []
        prefix = str(map_) + os.sep
        for pad in sorted(p for p in self.files if str(p).startswith(prefix)):
            niveau = len(pad.relative_to(map_).parts)
            if pad.suffix == ".yml":
                self.fout(pad, "bestand eindigt op .yml", "hernoem het naar .yaml")
            elif pad.suffix != ".yaml":
                self.fout(pad, "onbekend bestand in de datamap", "verwijder het, of maak er een .yaml-bestand van")
            elif niveau != diepte:
                verwacht = "direct in de map" if diepte == 1 else "in een submap per regio"
                self.fout(pad, f"bestand staat op de verkeerde plek (hoort {verwacht} {self.rel(map_)})", "verplaats het bestand")
            elif not slug_ok(pad.stem) or (diepte == 2 and not slug_ok(pad.parent.name)):
                self.fout(pad, "de bestands- of mapnaam is geen geldige id", "gebruik kleine letters, cijfers en koppeltekens, bv. 45f21.yaml")
            else:
                gevonden.append(pad)
        return gevonden
