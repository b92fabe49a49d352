namespace Esp32At.Demos.Mqtt;

/// <summary>The host's stand-in for the board's LED: it only remembers its state (the demo prints every change).</summary>
public sealed class ConsoleLed : ILed
{
    private volatile bool on;

    public bool On { get => on; set => on = value; }
}
