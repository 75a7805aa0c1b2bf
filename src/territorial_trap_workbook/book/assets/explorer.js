/* The static explorer's page script (one copy per site).
 *
 * Each figure carries every reachable slider combination as a plotly frame named by the slider positions
 * ("3,10,0"); layout.meta.workbook gives the default positions and the pair of sliders that combine. The
 * sliders themselves do nothing ("skip" steps): on every move by the reader this script picks the frame of the
 * positions the sliders now show. When that combination was not precomputed it first puts the other sliders
 * back to their defaults (keeping the moved slider, and its partner when the two form the pair), so the values
 * the sliders show are always the state drawn. The drawn state is written to the figure's data-state attribute.
 */
(function () {
  "use strict";

  function positions(gd) {
    return gd.layout.sliders.map(function (s) { return s.active; });
  }

  function key(p) { return p.join(","); }

  function keepOnly(now, defaults, keep) {
    return now.map(function (v, i) { return keep.indexOf(i) >= 0 ? v : defaults[i]; });
  }

  function target(gd, moved) {
    var meta = gd.layout.meta.workbook, now = positions(gd);
    var keep = meta.pair && meta.pair.indexOf(moved) >= 0 ? meta.pair.slice() : [moved];
    var tries = [now, keepOnly(now, meta.defaults, keep), keepOnly(now, meta.defaults, [moved])];
    for (var i = 0; i < tries.length; i++) {
      if (gd._workbookFrames[key(tries[i])]) { return tries[i]; }
    }
    return meta.defaults.slice();
  }

  function showState(gd, moved) {
    var goal = target(gd, moved), now = positions(gd), update = {};
    goal.forEach(function (v, i) { if (v !== now[i]) { update["sliders[" + i + "].active"] = v; } });
    var moveSliders = Object.keys(update).length ? Plotly.relayout(gd, update) : Promise.resolve();
    return moveSliders.then(function () {
      return Plotly.animate(gd, [key(goal)], {
        mode: "immediate", frame: {duration: 0, redraw: true}, transition: {duration: 0}
      });
    }).then(function () { gd.setAttribute("data-state", key(goal)); });
  }

  function pump(gd) {
    if (gd._workbookBusy || gd._workbookPending === null) { return; }
    var moved = gd._workbookPending;
    gd._workbookPending = null;
    gd._workbookBusy = true;
    gd.setAttribute("data-busy", "1");
    showState(gd, moved).catch(function (err) { console.error(err); }).then(function () {
      gd._workbookBusy = false;
      if (gd._workbookPending === null) { gd.removeAttribute("data-busy"); }
      pump(gd);
    });
  }

  function draw(gd, fig) {
    return Plotly.newPlot(gd, fig.data, fig.layout, fig.config).then(function () {
      if (!fig.frames.length) { return null; }
      gd._workbookFrames = {};
      fig.frames.forEach(function (f) { gd._workbookFrames[f.name] = true; });
      gd._workbookPending = null;
      gd.setAttribute("data-state", key(positions(gd)));
      gd.on("plotly_sliderchange", function (event) {
        if (event.interaction === false) { return; }  // our own relayout, not the reader
        var names = gd.layout.sliders.map(function (s) { return s.name; });
        gd._workbookPending = names.indexOf(event.slider.name);
        gd.setAttribute("data-busy", "1");
        pump(gd);
      });
      return Plotly.addFrames(gd, fig.frames);
    });
  }

  // The promises of every figure drawn on this page: scripts the figures do not need wait for them.
  window.WorkbookFiguresDrawn = window.WorkbookFiguresDrawn || [];
  window.WorkbookExplorer = {
    draw: function (gd, fig) {
      var drawn = draw(gd, fig);
      window.WorkbookFiguresDrawn.push(drawn);
      return drawn;
    }
  };
})();
