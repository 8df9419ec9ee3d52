// Event page: bring the first highlighted evidence into view inside its article text.
for (const box of document.querySelectorAll(".article-text")) {
  const mark = box.querySelector("mark.evidence");
  if (mark) box.scrollTop = Math.max(0, mark.offsetTop - box.offsetTop - box.clientHeight / 3);
}
