using System;

namespace Esp32At.Demos.DeviceTests
{
    /// <summary>
    /// Runs the hardware scenarios in order, one line each (<c>PASS</c>, <c>FAIL</c> or <c>SKIP</c>, with its time), and
    /// ends with the summary line <c>N passed, N failed</c> (plus <c>, N skipped</c> when any were skipped).
    /// A failing scenario does not stop the run.
    /// </summary>
    public sealed class DeviceTestRunner
    {
        private readonly ITestOutput output;

        /// <summary>Prints to <paramref name="output"/>.</summary>
        public DeviceTestRunner(ITestOutput output)
        {
            if (output == null) throw new ArgumentNullException("output");
            this.output = output;
        }

        /// <summary>Scenarios that passed.</summary>
        public int Passed { get; private set; }

        /// <summary>Scenarios that failed.</summary>
        public int Failed { get; private set; }

        /// <summary>Scenarios that could not run here (e.g. no reset line).</summary>
        public int Skipped { get; private set; }

        /// <summary>Runs every scenario of <paramref name="scenarios"/>; true when none failed.</summary>
        public bool RunAll(DeviceScenarios scenarios)
        {
            try
            {
                var names = scenarios.Names;
                for (int i = 0; i < names.Length; i++) Run(names[i], scenarios, i);
            }
            finally
            {
                scenarios.Dispose();
            }
            output.Line(Summary);
            return Failed == 0;
        }

        /// <summary>The final line, e.g. "10 passed, 0 failed".</summary>
        public string Summary
        {
            get { return Passed + " passed, " + Failed + " failed" + (Skipped > 0 ? ", " + Skipped + " skipped" : ""); }
        }

        private void Run(string name, DeviceScenarios scenarios, int index)
        {
            long t0 = DateTime.UtcNow.Ticks;
            try
            {
                string detail = scenarios.Run(index);
                long ms = (DateTime.UtcNow.Ticks - t0) / TimeSpan.TicksPerMillisecond;
                if (detail != null && detail.IndexOf(DeviceScenarios.SkipMark) == 0)
                {
                    Skipped++;
                    output.Line("SKIP " + name + ": " + detail.Substring(DeviceScenarios.SkipMark.Length));
                    return;
                }
                Passed++;
                output.Line("PASS " + name + " (" + ms + " ms): " + detail);
            }
            catch (Exception e)
            {
                Failed++;
                output.Line("FAIL " + name + ": " + e.GetType().Name + ": " + e.Message);
            }
        }
    }
}
