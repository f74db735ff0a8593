// Chart.js with only the pieces the console draws (bars and lines on category and linear axes).
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

export const PALETTE = ["#1c7ed6", "#e8590c", "#2f9e44", "#ae3ec9", "#f59f00", "#495057", "#0ca678"];

// A chart in its own sized box; returns [box, chart] so a view can destroy it when it leaves.
export function chart(config, testid) {
  const canvas = document.createElement("canvas");
  const box = document.createElement("div");
  box.className = "chart";
  if (testid) box.dataset.testid = testid;
  box.append(canvas);
  const instance = new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, animation: false, ...config.options } });
  return [box, instance];
}
