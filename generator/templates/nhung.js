/* Gương sáng embeds: include once on a page to size every embedded card to its content. */
(function (w) {
  if (w.guongSangEmbeds) return;
  w.guongSangEmbeds = 1;
  var me = document.currentScript, origin = me ? new URL(me.src).origin : "";
  w.addEventListener("message", function (e) {
    var d = e.data;
    if (!d || d.type !== "guong-sang:height" || (origin && e.origin !== origin)) return;
    var h = +d.height, frames = document.getElementsByTagName("iframe");
    if (!(h > 0 && h < 20000)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === e.source) {
        frames[i].style.height = h + "px";
        frames[i].setAttribute("height", h);
      }
    }
  });
  // Cards that loaded before this script posted their height to nobody: ask them again.
  var all = document.querySelectorAll("iframe[data-guong-sang]");
  for (var j = 0; j < all.length; j++) {
    try { all[j].contentWindow.postMessage({ type: "guong-sang:ping" }, origin || "*"); } catch (x) {}
  }
})(window);
