// The host site's own script. It keeps working next to Folio: the menu button and the
// sign-up counter are the site's, not the archive's.
document.documentElement.dataset.hostScript = 'ran';

const toggle = document.querySelector('.menu-toggle');
const nav = document.getElementById('site-nav');
toggle.addEventListener('click', () => {
  const open = toggle.getAttribute('aria-expanded') === 'true';
  toggle.setAttribute('aria-expanded', String(!open));
  nav.hidden = open;
});

const count = document.getElementById('signups');
document.getElementById('signup').addEventListener('click', () => {
  count.value = String(Number(count.value) + 1);
});
