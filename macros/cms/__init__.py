"""The CMS at /beheer/ (Decap CMS): its configuration generated from the model's JSON Schema and the
catalogue, and the files the build adds to the site for it."""
