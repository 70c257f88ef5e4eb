namespace Grid.Runtime.Activation;

internal enum ActivationState
{
    /// <summary>Created; OnActivateAsync has not finished. Calls queue behind the activation turn.</summary>
    Activating,

    /// <summary>Serving calls.</summary>
    Active,

    /// <summary>OnDeactivateAsync runs. Calls still queue; they go to the successor afterwards.</summary>
    Deactivating,

    /// <summary>Gone. Posts are refused, so the poster looks up the successor.</summary>
    Deactivated,

    /// <summary>OnActivateAsync failed; queued calls failed with its exception; the next call activates afresh.</summary>
    Failed,
}
