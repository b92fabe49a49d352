namespace Esp32At.Demos.HttpServer;

/// <summary>The host's stand-in for the board's LED: it says when it changes.</summary>
public sealed class SimulatedLed(IServerLog log) : ILed
{
    private bool on;

    public bool On
    {
        get => on;
        set
        {
            if (on == value) return;
            on = value;
            log.Line($"LED {(value ? "ON  (*)" : "off ( )")}");
        }
    }
}
