namespace Millwright.Controller.Storage.Records;

/// <summary>Whether a key generation still verifies frames (values are stored).</summary>
public enum KeyState
{
    /// <summary>Verifies frames: the current generation, or a rotated-out one until its cut-over is passed.</summary>
    Active = 1,

    /// <summary>Verifies nothing any more: its cut-over was passed, a later rotation superseded it, or the device was replaced.</summary>
    Retired = 2,
}
