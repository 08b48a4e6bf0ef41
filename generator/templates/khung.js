/* Inside an embed iframe: show ?n= items of a widget, and tell the host page our height
   (our own message, plus WordPress's {message:"height"} form when its #?secret= is present). */
(function () {
  var doc = document, last = 0;
  var secret = (location.hash.match(/secret=([\w-]+)/) || [])[1];
  var n = parseInt(new URLSearchParams(location.search).get("n"), 10);
  var items = doc.querySelectorAll("[data-gs-item]");
  if (n > 0) for (var i = 0; i < items.length; i++) items[i].hidden = i >= n;
  var box = doc.querySelector("[data-gs-embed]");
  function post() {
    var h = Math.ceil(box.getBoundingClientRect().height);
    if (h === last || parent === window) return;
    last = h;
    parent.postMessage({ type: "guong-sang:height", height: h }, "*");
    if (secret) parent.postMessage({ message: "height", value: h, secret: secret }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(post).observe(box);
  addEventListener("message", function (e) {
    if (e.data && e.data.type === "guong-sang:ping") { last = 0; post(); }
  });
  addEventListener("load", post);
  post();
})();
