"""One page of every page type of the built site: used by the Lighthouse test, the screenshot script
and the Lighthouse performance benchmark, so the three look at the same pages."""

PAGE_TYPES: dict[str, str] = {
    "home": "",
    "zoeken": "zoeken/",
    "regio": "zuid-limburg/",
    "product": "zuid-limburg/61110/",
    "codetabel": "zuid-limburg/codetabel/",
    "matrices": "zuid-limburg/matrices/",
    "regio-vergelijken": "flevoland/vergelijken/",
    "vergelijken": "vergelijken/",
    "beslisbomen": "beslisbomen/",
    "beslisboom": "beslisbomen/zl-begeleiding-individueel/",
    "gemeenten": "gemeenten/",
    "gemeente": "gemeenten/almere/",
    "normenkader": "normenkader/",
    "regio-normenkader": "haaglanden/normenkader/",
    "datakwaliteit": "datakwaliteit/",
    "regio-datakwaliteit": "zuid-limburg/datakwaliteit/",
    "open-data": "open-data/",
    "wijzigingen": "wijzigingen/",
    "bronnen": "bronnen/",
    "brondocument": "bronnen/002_b4979bd38850de40/",
    "tekstpagina": "over/data-bewerken/",
    "niet-gevonden": "404.html",
}
