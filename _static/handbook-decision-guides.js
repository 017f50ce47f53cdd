/* Decision guides, one question at a time.  The guide is read from its
 * written steps (ol.decision-steps, made with the chart from one source by
 * _ext/handbook/decision_guides.py), so walk-through, steps and chart agree.
 * Shows a question with a button per answer, what to do, Back, Start again,
 * and the route taken as a list that can be copied into a case log.
 * Nothing is stored or sent. */
(function () {
  "use strict";

  var toolkit = window.handbookToolkit;
  var config = toolkit.config;
  var t = toolkit.t;
  var el = toolkit.el;

  function children(node, selector) {
    return Array.prototype.filter.call(node.children, function (child) { return child.matches(selector); });
  }

  /* A copy of rendered step content for the walk-through: no ids (they must stay unique). */
  function copy(nodes) {
    var box = el("div", { class: "decision-copy" });
    nodes.forEach(function (node) {
      var clone = node.cloneNode(true);
      clone.removeAttribute("id");
      clone.querySelectorAll("[id]").forEach(function (inner) { inner.removeAttribute("id"); });
      box.append(clone);
    });
    return box;
  }

  function text(node) {
    return node.textContent.replace(/\s+/g, " ").trim();
  }

  function guide(list, guideNumber) {
    var name = (list.className.match(/decision-steps-([\w-]+)/) || [])[1] || String(guideNumber);
    var steps = children(list, "li.decision-step").map(function (item, index) {
      var answers = [];
      children(item, "ul").forEach(function (ul) {
        children(ul, "li.decision-answer").forEach(function (answer) {
          var next = (answer.className.match(/decision-next-([\w-]+)/) || [])[1] || null;
          var paragraphs = children(answer, "p");
          var first = paragraphs[0] || answer;
          var label = (text(first).match(/^([^:]+):/) || [])[1] || text(first);
          answers.push({
            label: label,
            next: next,
            action: answer.classList.contains("decision-has-action")
              ? paragraphs.filter(function (p) { return !p.classList.contains("decision-goto"); }) : [],
            node: answer
          });
        });
      });
      var question = children(item, "p");
      return {
        id: (item.id || "").replace("decision-" + name + "-", ""),
        number: index + 1,
        item: item,
        question: question.length ? question : [item],
        answers: answers
      };
    });
    var byId = {};
    steps.forEach(function (step) { byId[step.id] = step; });
    var first = steps.filter(function (step) { return step.answers.length; })[0];
    if (!first) {
      return;
    }

    var section = list.closest("section");
    var guideSection = section && section.parentElement ? section.parentElement.closest("section") || section : section;
    var chart = guideSection ? guideSection.querySelector("figure, div.graphviz") : null;
    var id = "decision-walk-" + name;

    var box = el("div", { class: "decision-walk", id: id, role: "group", "aria-labelledby": id + "-title" });
    var title = el("p", { class: "decision-walk-title", id: id + "-title" }, t("decision.title"));
    var intro = el("p", { class: "decision-walk-intro" }, t("decision.intro"));
    var card = el("div", { class: "decision-card", tabindex: "-1", id: id + "-card" });
    var controls = el("div", { class: "decision-controls" });
    var back = el("button", { type: "button", class: "decision-back" }, t("decision.back"));
    var restart = el("button", { type: "button", class: "decision-restart" }, t("decision.restart"));
    controls.append(back, " ", restart);
    var routeTitle = el("p", { class: "decision-route-title", id: id + "-route-title" }, t("decision.route"));
    var route = el("ol", { class: "decision-route", "aria-labelledby": id + "-route-title" });
    var copyButton = el("button", { type: "button", class: "decision-copy-route" }, t("decision.copy"));
    var status = el("p", { class: "decision-status", role: "status" });
    box.append(title, intro, card, controls, routeTitle, route, copyButton, status);
    if (chart) {
      chart.before(box);
    } else {
      list.before(box);
    }

    /* The route: a list of [step, answer index]. */
    var history = [];
    var finalActions = [];

    function render(moveFocus) {
      card.textContent = "";
      status.textContent = "";
      var current = first;
      var lastAction = null;
      var ended = false;
      history.forEach(function (entry) {
        var answer = entry.step.answers[entry.answer];
        lastAction = answer.action.length ? answer.action : null;
        if (answer.next && byId[answer.next]) {
          current = byId[answer.next];
        } else {
          ended = true;
        }
      });
      var actions = history.map(function (entry) { return entry.step.answers[entry.answer].action; })
        .filter(function (action) { return action.length; });
      var final = ended || !current.answers.length;
      if (final) {
        /* At the end, everything to do on this route, in order, with its links. */
        if (!ended) {
          actions.push(current.question);
        }
        card.append(el("p", { class: "decision-label" }, t("decision.todo")));
        actions.forEach(function (action) { card.append(copy(action)); });
        card.append(el("p", { class: "decision-end" }, t("decision.end")));
      } else {
        if (lastAction) {
          card.append(el("p", { class: "decision-label" }, t("decision.todo")), copy(lastAction));
        }
        var heading = el("p", { class: "decision-label" }, t("decision.step", { n: current.number }));
        var question = copy(current.question);
        question.classList.add("decision-question");
        question.id = id + "-question";
        card.append(heading, question);
        var answers = el("div", { class: "decision-answers", role: "group", "aria-labelledby": id + "-question" });
        current.answers.forEach(function (answer, index) {
          var button = el("button", { type: "button", class: "decision-answer-button" }, answer.label);
          button.addEventListener("click", function () {
            history.push({ step: current, answer: index });
            render(true);
          });
          answers.append(button, " ");
        });
        card.append(answers);
      }
      finalActions = final ? actions : [];
      back.hidden = history.length === 0;
      restart.hidden = history.length === 0;

      route.textContent = "";
      history.forEach(function (entry) {
        route.append(el("li", {}, routeLine(entry)));
      });
      if (!history.length) {
        route.append(el("li", { class: "decision-route-empty" }, t("decision.route.empty")));
      }
      copyButton.hidden = history.length === 0;
      if (moveFocus) {
        card.focus();
      }
    }

    function routeLine(entry) {
      return t("decision.step", { n: entry.step.number }) + ": " + text(entry.step.question[0]) + " — " + entry.step.answers[entry.answer].label;
    }

    back.addEventListener("click", function () {
      history.pop();
      render(true);
    });
    restart.addEventListener("click", function () {
      history = [];
      render(true);
    });
    copyButton.addEventListener("click", function () {
      var lines = [guideSection ? text(guideSection.querySelector("h2") || title).replace(/#$/, "") : ""]
        .concat(history.map(function (entry, index) { return (index + 1) + ". " + routeLine(entry); }));
      if (finalActions.length) {
        lines.push(t("decision.todo") + ":");
        finalActions.forEach(function (action) {
          lines.push("- " + action.map(text).join(" "));
        });
      }
      var done = function () { status.textContent = t("decision.copied"); };
      var failed = function () { status.textContent = t("decision.copy.failed"); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(lines.join("\n")).then(done, failed);
      } else {
        failed();
      }
    });

    render(false);
  }

  document.querySelectorAll("ol.decision-steps").forEach(guide);
})();
