/* Tells screen-reader users that a copy button has copied the text.
   sphinx-copybutton 0.5.2 shows "Copied!" only in a tooltip that is not announced. */
document.addEventListener("DOMContentLoaded", () => {
  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  // Capture phase: copybutton replaces the button's icon, so the clicked node is gone by the bubble phase.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.copybtn");
    if (!button) return;
    status.textContent = "";
    setTimeout(() => { status.textContent = button.getAttribute("data-tooltip") || ""; }, 100);
  }, true);
});

/* After a drawer closes, focus goes back to the button that opened it.  The
   book theme (1.4.0) blurs its toggles on click, so the theme's own focus
   restore lands on <body>. */
document.addEventListener("DOMContentLoaded", () => {
  for (const [toggle, drawer] of [[".primary-toggle", "#pst-primary-sidebar-modal"], [".secondary-toggle", "#pst-secondary-sidebar-modal"]]) {
    const button = document.querySelector(toggle);
    const dialog = document.querySelector(drawer);
    if (button && dialog) dialog.addEventListener("close", () => button.focus());
  }
});
