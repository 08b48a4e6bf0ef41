/* Copy buttons of the embed boxes (no third-party code). */
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-gs-copy]");
  if (!button) return;
  var box = button.closest("details"), area = box.querySelector("[data-gs-snippet]");
  var done = box.querySelector("[role=status]");
  function ok() { done.textContent = "Đã sao chép."; }
  area.select();
  if (navigator.clipboard) navigator.clipboard.writeText(area.value).then(ok, function () { document.execCommand("copy"); ok(); });
  else { document.execCommand("copy"); ok(); }
});

/* Videos of other hosts: the page shows a local poster; only the reader's click loads the host's
   player (nothing is requested from the host before). Without JavaScript the poster links to the video. */
document.addEventListener("click", function (event) {
  var link = event.target.closest("a[data-gs-player]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.src = link.getAttribute("data-gs-player");
  frame.title = link.textContent;
  frame.className = "gs-video__player";
  frame.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  link.replaceWith(frame);
  frame.focus();
});
