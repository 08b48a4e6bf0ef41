// Gương sáng: what the web editor adds to the vendored Decap CMS (see generator/outputs/editor.py).
// The preview shows the body with the site's own stylesheets, listed by the page as
// <link rel="gs-preview-style"> so that this file holds no URL of its own.
(function () {
  "use strict";
  var cms = window.CMS || window.DecapCms;
  if (!cms) {
    return;
  }
  document.querySelectorAll('link[rel="gs-preview-style"]').forEach(function (link) {
    cms.registerPreviewStyle(link.href);
  });
})();
