/* Tells screen-reader users that a copy button has copied the text.
   sphinx-copybutton 0.5.2 shows "Copied!" only in a tooltip that is not announced. */
document.addEventListener("DOMContentLoaded", () => {
  const status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);
  document.addEventListener("click", (event) => {
    const button = event.target.closest("button.copybtn");
    if (!button) return;
    status.textContent = "";
    setTimeout(() => { status.textContent = button.classList.contains("success") ? "Copied" : ""; }, 100);
  });
});
