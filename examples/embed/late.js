// A host that renders late, as React or Vue views do: it makes the archive's mount
// point two seconds after load and mounts Folio there with the documented API. The
// point has no data-folio attribute, so only this call mounts it.
const whenFolio = () =>
  window.folio
    ? Promise.resolve(window.folio)
    : new Promise((resolve) => addEventListener('folio:ready', () => resolve(window.folio), { once: true }));

const remove = document.getElementById('remove');

setTimeout(async () => {
  const point = document.createElement('div');
  point.id = 'late-archive';
  point.className = 'site-archive';
  document.getElementById('view').append(point);
  const folio = await whenFolio();
  const archive = folio.mount(point, { index: '../../posts.json', id: 'late', headingLevel: 2, pageSize: 4 });
  // For the tests, and for a host's own code: the handle that unmounts it.
  window.lateArchive = archive;
  remove.disabled = false;
  remove.addEventListener('click', () => {
    archive.unmount();
    point.remove();
    remove.disabled = true;
  });
}, 2000);
