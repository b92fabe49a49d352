namespace Esp32At.Demos.Mqtt
{
    /// <summary>The LED the "led on"/"led off" command switches: a GPIO on the board, a printed one on the host.</summary>
    public interface ILed
    {
        /// <summary>Whether it is lit.</summary>
        bool On { get; set; }
    }
}
