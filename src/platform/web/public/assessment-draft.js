/* global document, window, fetch, FormData, URLSearchParams */
// The standard page, enhanced: each change is saved as a draft at once, bulk answers fill the page without a
// round trip, and the count of what is left stays live. Without this script the page works the same by posts.
const form = document.querySelector('form[data-draft-form]');

if (form) {
  const version = form.querySelector('input[name="version"]');
  const remaining = document.getElementById('remaining');
  const message = document.createElement('div');
  message.className = 'govuk-body app-draft-status';
  message.setAttribute('role', 'status');
  form.prepend(message);

  let queue = Promise.resolve();
  let inFlight = 0;
  let stale = false;
  let unsaved = false;
  let submitting = false;
  let typingTimer;

  const groups = () => [...form.querySelectorAll('[data-question]')];
  const answered = (group) => group.querySelector('input[type="radio"]:checked') !== null;
  // The page's words for these notices (platform/i18n clientMessages), English if the page gave none.
  const words = JSON.parse(document.body.dataset.appMessages || '{}');
  const plural = (forms, count) =>
    (forms?.[new Intl.PluralRules(document.documentElement.lang || 'en').select(count)] ?? forms?.other)?.replace(
      '{{count}}',
      String(count),
    );
  const say = (text) => {
    message.textContent = text;
  };
  const localCount = () => {
    const left = groups().filter((g) => !answered(g)).length;
    if (left === 0) return words.answered ?? 'Every question on this page is answered.';
    return plural(words.questionsLeft, left) ?? `${left} ${left === 1 ? 'question' : 'questions'} left on this page.`;
  };

  function body() {
    const data = new URLSearchParams(new FormData(form));
    data.delete('bulk');
    data.delete('action');
    data.set('version', version.value);
    return data;
  }

  function save(options = {}) {
    if (stale) return queue;
    unsaved = true;
    remaining.textContent = localCount();
    inFlight += 1;
    queue = queue
      .then(async () => {
        // Not form.action: the form's buttons are named "action", which shadows it.
        const response = await fetch(form.getAttribute('action') || window.location.pathname, {
          method: 'POST',
          body: body(),
          headers: { accept: 'application/json' },
          credentials: 'same-origin',
          keepalive: options.keepalive === true,
        });
        const result = await response.json();
        if (response.ok) {
          version.value = String(result.version);
          remaining.textContent = result.remainingText;
          unsaved = false;
          say(words.draftSaved ?? 'Draft saved.');
        } else if (response.status === 409) {
          stale = true;
          say(
            words.savedElsewhere ??
              'Someone else saved this case since you opened it. Your changes are on this page, not saved: save the page to compare them with theirs.',
          );
        } else {
          const reasons = (result.errors ?? []).map((e) => e.text).join('. ');
          say((words.notSavedBecause ?? 'Draft not saved: {{reasons}}').replace('{{reasons}}', reasons));
        }
      })
      .catch(() =>
        say(
          words.notSavedOffline ??
            'Draft not saved: your answers stay on this page. Save the page when the connection is back.',
        ),
      )
      .finally(() => {
        inFlight -= 1;
      });
    return queue;
  }

  form.addEventListener('change', (event) => {
    if (event.target.matches('input[type="radio"], input[type="checkbox"], textarea')) save();
  });
  form.addEventListener('input', (event) => {
    if (!event.target.matches('textarea')) return;
    unsaved = true;
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(save, 800);
  });

  // A bulk button answers the remaining prompts here and saves, instead of reloading the page.
  for (const button of form.querySelectorAll('button[data-bulk]')) {
    button.addEventListener('click', (event) => {
      event.preventDefault();
      const [answer, keyQuestionId] = button.dataset.bulk.split(':');
      const judgement = form.querySelector(`[data-kind="keyQuestion"][data-question="${keyQuestionId}"]`);
      const scope = keyQuestionId === 'all' ? form : judgement?.closest('section');
      if (!scope) return;
      for (const group of scope.querySelectorAll('[data-kind="prompt"]'))
        if (!answered(group)) {
          const radio = group.querySelector(`input[type="radio"][value="${answer}"]`);
          if (radio) radio.checked = true;
        }
      save();
    });
  }

  // A plain save waits for the drafts in flight, so it carries the version they left.
  form.addEventListener('submit', (event) => {
    window.clearTimeout(typingTimer);
    if (submitting || inFlight === 0) {
      submitting = true;
      return;
    }
    event.preventDefault();
    submitting = true;
    const submitter = event.submitter;
    queue.then(() => form.requestSubmit(submitter));
  });

  // Leaving mid-sentence: the last keystrokes go as a draft that outlives the page.
  window.addEventListener('pagehide', () => {
    if (unsaved && !submitting) save({ keepalive: true });
  });
}
