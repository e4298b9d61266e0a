// The form in a policy editor's words: Decap CMS's Dutch texts where they name things this form does
// not have (media, posts, a deploy preview) or a status the menu does not offer ("Voltooid"), and
// Dutch names for the buttons Decap labels in English or not at all (react-select's "Remove Almere",
// a list item's ×). The workflow's statuses are named once, here, as the menu shows them.

export const STATUS = { draft: 'Concept', pending_review: 'Wordt beoordeeld', pending_publish: 'Klaar' };

const OWN_TEXTS = {
  app: {
    header: { content: 'Gegevens', workflow: 'Wijzigingen', media: 'Afbeeldingen', quickAdd: 'Nieuw' },
  },
  collection: {
    sidebar: { collections: 'Gegevens', searchAll: 'Zoek in alles', searchIn: 'Zoek in' },
    collectionTop: { newButton: 'Nieuw %{collectionLabel}' },
  },
  editor: {
    editor: {
      onPublishingNotReady: `Zet de status op "${STATUS.pending_publish}" voordat je publiceert.`,
      onPublishingWithUnsavedChanges: 'Er zijn wijzigingen die nog niet zijn opgeslagen. Sla ze eerst op, dan kun je publiceren.',
      onUpdatingWithUnsavedChanges: 'Er zijn wijzigingen die nog niet zijn opgeslagen. Sla ze eerst op, dan kun je de status wijzigen.',
      onPublishing: 'Weet je zeker dat je deze wijziging wilt publiceren? Daarna staat ze in het productenboek.',
      loadingEntry: 'Bezig met laden…',
    },
    editorToolbar: {
      draft: STATUS.draft, inReview: STATUS.pending_review, ready: STATUS.pending_publish,
      deployPreviewPendingButtonLabel: '', deployPreviewButtonLabel: '', deployButtonLabel: 'Bekijk in het productenboek',
      publishAndCreateNew: 'Publiceer en maak nog een nieuw', publishAndDuplicate: 'Publiceer en maak een kopie',
      deleteUnpublishedEntry: 'Dit nieuwe item weggooien', deleteUnpublishedChanges: 'Niet-gepubliceerde wijzigingen weggooien',
    },
    editorControlPane: { widget: { required: '%{fieldLabel}: vul dit veld in.' } },
  },
  ui: {
    toast: {
      // The whole-entry check's refusal (cms.js) is the details: it names the fields and the fix.
      onFailToPersist: 'Niet opgeslagen: %{details}',
      onFailToPublishEntry: 'Niet gepubliceerd: %{details}',
      onFailToUpdateStatus: 'De status is niet gewijzigd: %{details}',
      missingRequiredField: 'Niet opgeslagen: het formulier weigert een of meer velden. De melding staat in rood bij elk veld.',
      entrySaved: 'Opgeslagen', entryPublished: 'Gepubliceerd', entryUpdated: 'Status gewijzigd',
    },
  },
  workflow: {
    workflow: { newPost: 'Nieuw', workflowHeading: 'Wijzigingen die nog niet gepubliceerd zijn' },
    workflowList: {
      onPublishingNotReadyEntry: `Alleen wijzigingen met de status "${STATUS.pending_publish}" kunnen worden gepubliceerd. `
        + `Sleep de kaart naar de kolom "${STATUS.pending_publish}".`,
      draftHeader: STATUS.draft, inReviewHeader: STATUS.pending_review, readyHeader: STATUS.pending_publish,
    },
  },
};

function merge(base, own) {
  const out = { ...base };
  for (const [k, v] of Object.entries(own)) {
    out[k] = v && typeof v === 'object' ? merge(base?.[k] || {}, v) : v;
  }
  return out;
}

/** Decap's Dutch texts with this form's own words. */
export function registerDutch(CMS) {
  CMS.registerLocale('nl', merge(CMS.getLocale('nl') || {}, OWN_TEXTS));
}

// -- Names for buttons ----------------------------------------------------------------------------------

function nameButtons(root) {
  for (const button of root.querySelectorAll('[aria-label="Account options dropdown"]')) button.setAttribute('aria-label', 'Account');
  for (const button of root.querySelectorAll('[aria-label^="Remove "]')) {
    button.setAttribute('aria-label', `Verwijder ${button.getAttribute('aria-label').slice(7)}`);
  }
  // A list item's drag handle (dnd-kit): a div with the role of a button and no name.
  for (const handle of root.querySelectorAll('[aria-roledescription="sortable"]:not([aria-label])')) {
    const title = handle.textContent.trim().slice(0, 60);
    handle.setAttribute('aria-label', title ? `Sleep om te verplaatsen: ${title}` : 'Sleep om de volgorde te wijzigen');
  }
  // react-select's × on a chosen value has no label of its own: it is named by the value before it.
  for (const button of root.querySelectorAll('div[role="button"]:not([aria-label])')) {
    const value = button.previousElementSibling?.textContent?.trim();
    if (value) button.setAttribute('aria-label', `Verwijder ${value}`);
  }
  // A list item's buttons (Decap's list widget): an icon without text.
  for (const button of root.querySelectorAll('button:not([aria-label])')) {
    if (button.textContent.trim()) continue;
    const title = button.closest('[class*="ListItem"], [class*="TopBar"]')?.querySelector('[class*="Label"], [class*="ItemTitle"]')?.textContent?.trim();
    const action = /close|remove/i.test(button.className) || button.querySelector('[class*="close"], [class*="Close"]') ? 'Verwijder' : 'Klap in of uit';
    button.setAttribute('aria-label', title ? `${action}: ${title}` : action);
  }
}

/** Keep naming the buttons Decap adds while the form is used. */
export function keepNamingButtons(root = document.body) {
  nameButtons(root);
  new MutationObserver(() => nameButtons(root)).observe(root, { childList: true, subtree: true });
}
