using System.Text.Json.Serialization;

namespace Millwright.Hardware.Boards.Model;

[JsonConverter(typeof(JsonStringEnumConverter<ActuatorType>))]
public enum ActuatorType
{
    /// <summary>A relay module on a GPIO: a switch, 0 or 1.</summary>
    [JsonStringEnumMemberName("relay")]
    Relay,

    /// <summary>A plain digital output: a switch, 0 or 1.</summary>
    [JsonStringEnumMemberName("gpio")]
    Gpio,

    /// <summary>A PWM output: a duty cycle from 0 to 1.</summary>
    [JsonStringEnumMemberName("pwm")]
    Pwm,
}
