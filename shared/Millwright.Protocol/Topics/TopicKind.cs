namespace Millwright.Protocol.Topics;

/// <summary>The last level of a Millwright topic.</summary>
public enum TopicKind
{
    /// <summary>mw/v1/{p}/{d}/frames: device → controller, signed frames and gap records, QoS 1.</summary>
    Frames = 1,

    /// <summary>mw/v1/{p}/{d}/ack: controller → device, highest contiguous stored sequence number.</summary>
    Ack = 2,

    /// <summary>mw/v1/{p}/{d}/cmd: controller → device, signed commands.</summary>
    Command = 3,

    /// <summary>mw/v1/{p}/{d}/cmdack: device → controller, signed command results.</summary>
    CommandResult = 4,

    /// <summary>mw/v1/{p}/{d}/status: retained birth, the MQTT Will carries the death.</summary>
    Status = 5,

    /// <summary>mw/v1/{p}/$controller/state: retained controller online/offline.</summary>
    ControllerState = 6,
}
