/* global document, setTimeout, clearTimeout, fetch */
// The timeout warning: opens before the session ends; "Stay signed in" restarts the idle clock on the server.
// When the session ends, the page stays as it is: nothing typed is lost, the server keeps a form posted then.
const dialog = document.querySelector('[data-module="app-session-timeout"]');

if (dialog && typeof dialog.showModal === 'function') {
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  const countdown = dialog.querySelector('[data-timeout-countdown]');
  const warning = dialog.querySelector('[data-timeout-warning]');
  const ended = dialog.querySelector('[data-timeout-ended]');
  let endsAt = Date.now() + Number(dialog.dataset.secondsLeft) * 1000;
  let timer;
  let lastMinutes;
  // The page's words for the warning (platform/i18n clientMessages), English if the page gave none.
  const forms = JSON.parse(document.body.dataset.appMessages || '{}').signedOutIn;
  const signedOutIn = (minutes) =>
    (forms?.[new Intl.PluralRules(document.documentElement.lang || 'en').select(minutes)] ?? forms?.other)?.replace(
      '{{count}}',
      String(minutes),
    ) ??
    `You will be signed out in ${minutes} minute${minutes === 1 ? '' : 's'} because you have not done anything for a while.`;

  const schedule = (ms) => {
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, ms));
  };

  function check() {
    const left = endsAt - Date.now();
    if (left <= 0) {
      warning.hidden = true;
      ended.hidden = false;
      dialog.setAttribute('aria-labelledby', 'session-ended-heading');
      if (!dialog.open) dialog.showModal();
      return;
    }
    if (left > warningMs) return schedule(left - warningMs);
    // Announced once a minute, not every second: a screen reader would otherwise talk without pause.
    const minutes = Math.ceil(left / 60000);
    if (minutes !== lastMinutes) {
      lastMinutes = minutes;
      countdown.textContent = signedOutIn(minutes);
    }
    if (!dialog.open) dialog.showModal();
    schedule(Math.min(left, 1000));
  }

  dialog.querySelector('[data-timeout-stay]').addEventListener('click', async () => {
    const response = await fetch('/session/keep-alive', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'x-csrf-token': dialog.dataset.csrfToken },
    });
    if (response.ok) {
      const { secondsLeft } = await response.json();
      endsAt = Date.now() + secondsLeft * 1000;
      lastMinutes = undefined;
      dialog.close();
    } else {
      endsAt = Date.now();
    }
    check();
  });
  dialog.querySelector('[data-timeout-close]').addEventListener('click', () => dialog.close());
  // Escape would close the warning without keeping the session: treat it as "stay signed in".
  dialog.addEventListener('cancel', (event) => {
    if (!warning.hidden) {
      event.preventDefault();
      dialog.querySelector('[data-timeout-stay]').click();
    }
  });
  check();
}
