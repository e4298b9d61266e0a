"""One page of every page type of the built site: used by the Lighthouse test, the screenshot script
and the Lighthouse performance benchmark, so the three look at the same pages; and the states a link can
open (PAGE_STATES: a page whose script draws what the address holds), which the layout-shift test and the
Lighthouse performance benchmark also measure."""

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
    "tekstpagina": "over/data-bewerken/yaml/",  # the longest hand-written page (the guide part with two tables)
    "niet-gevonden": "404.html",
}

PAGE_STATES: dict[str, str] = {
    "beslisboom-met-pad": PAGE_TYPES["beslisboom"] + "?pad=3-2",  # two answers (a good path: tests/test_usability.py)
    "zoeken-met-vraag": "zoeken/?zoek=begeleiding",
    "vergelijken-met-keuze": "vergelijken/?p=flevoland/45f21,zuid-limburg/84110",
}
