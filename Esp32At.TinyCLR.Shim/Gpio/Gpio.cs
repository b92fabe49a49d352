namespace GHIElectronics.TinyCLR.Devices.Gpio;

// Names and values as GHIElectronics.TinyCLR.Devices.Gpio/Gpio.cs @ a9c94720 (TinyCLR-Libraries 2.2.1.2000).
public enum GpioPinDriveMode { Input = 0, Output = 1, InputPullUp = 2, InputPullDown = 3, OutputOpenDrain = 4 }
public enum GpioPinValue { Low = 0, High = 1 }

/// <summary>The default GPIO controller; on the host its pins are <see cref="HostGpio"/> levels.</summary>
public class GpioController
{
    private static readonly GpioController Default = new();
    private GpioController() { }

    public static GpioController GetDefault() => Default;

    public GpioPin OpenPin(int pinNumber) => HostGpio.Open(this, pinNumber);
}

/// <summary>
/// As TinyCLR-Ports STM32F7_GPIO.cpp @ 3c8cd797: Write latches the level in any mode (line 367), SetDriveMode(Output)
/// then drives the latched level, Low for a fresh pin (lines 404-410). So Write(High) before SetDriveMode(Output)
/// avoids a low pulse; the other order drives Low first.
/// </summary>
public class GpioPin : IDisposable
{
    private GpioPinDriveMode mode;
    private GpioPinValue latched;

    internal GpioPin(GpioController controller, int pinNumber) { Controller = controller; PinNumber = pinNumber; }

    public GpioController Controller { get; }
    public int PinNumber { get; }

    public GpioPinDriveMode GetDriveMode() => mode;

    public void SetDriveMode(GpioPinDriveMode value)
    {
        mode = value;
        if (value == GpioPinDriveMode.Output) HostGpio.Set(PinNumber, latched);
    }

    public GpioPinValue Read() => HostGpio.Level(PinNumber);

    public void Write(GpioPinValue value)
    {
        latched = value;
        if (mode == GpioPinDriveMode.Output) HostGpio.Set(PinNumber, value);
    }

    public void Dispose() => HostGpio.Close(PinNumber);
}

/// <summary>Host only: pin levels and their history; a pin can be open once at a time, as on TinyCLR.</summary>
public static class HostGpio
{
    private static readonly Dictionary<int, GpioPinValue> Levels = new();
    private static readonly HashSet<int> Open_ = new();

    /// <summary>Raised on every write: pin, level.</summary>
    public static event Action<int, GpioPinValue> Written;

    public static GpioPinValue Level(int pin) { lock (Levels) return Levels.TryGetValue(pin, out var v) ? v : GpioPinValue.Low; }

    internal static GpioPin Open(GpioController c, int pin)
    {
        lock (Levels) if (!Open_.Add(pin)) throw new InvalidOperationException("pin " + pin + " is already open");
        return new GpioPin(c, pin);
    }

    internal static void Close(int pin) { lock (Levels) Open_.Remove(pin); }

    internal static void Set(int pin, GpioPinValue v)
    {
        lock (Levels) Levels[pin] = v;
        Written?.Invoke(pin, v);
    }
}
