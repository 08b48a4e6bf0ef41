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
