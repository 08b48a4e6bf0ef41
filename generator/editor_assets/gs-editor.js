// Gương sáng: what the web editor adds to the vendored Decap CMS (see generator/outputs/editor.py).
(function () {
  "use strict";
  var cms = window.CMS || window.DecapCms;
  if (!cms) {
    return;
  }

  // The preview shows the body with the site's own stylesheets, listed by the page (their
  // names are hashed by the theme) so that this file holds no URL of its own.
  var styles = document.getElementById("gs-preview-styles");
  JSON.parse(styles ? styles.textContent : "[]").forEach(function (href) {
    cms.registerPreviewStyle(new URL(href, document.baseURI).href);
  });

  function isEmpty(value) {
    if (value === undefined || value === null) {
      return true;
    }
    if (typeof value === "string") {
      return value.trim() === "";
    }
    return typeof value.size === "number" && value.size === 0; // an Immutable List or Map
  }

  // Keys left empty are not written: `exemplars new` writes no empty key, and `check` reads
  // `summary: ""` as a summary that is missing its text.
  function withoutEmpty(map) {
    return map.filter(function (value) {
      return !isEmpty(value);
    });
  }

  // The cover photo is optional, but a photo needs its description (alt): Decap validates the
  // fields of an optional object even when it is left empty, so the rule is kept here.
  cms.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      var image = data.get("image");
      if (image && image.filter) {
        image = withoutEmpty(image);
        if (image.size > 0 && !image.get("src")) {
          throw new Error("Ảnh bìa: chưa chọn tệp ảnh (hoặc xóa mô tả, chú thích của ảnh bìa).");
        }
        if (image.get("src") && !image.get("alt")) {
          throw new Error("Ảnh bìa: cần viết mô tả ảnh (những gì có trong ảnh) cho người khiếm thị.");
        }
        data = data.set("image", image);
      }
      var body = data.get("body");
      return withoutEmpty(data.delete("body")).set("body", body || "");
    },
  });
})();
