namespace Grid.Testing.Lab;

/// <summary>The BGP implementations the lab runs (Debian 12: BIRD 2.0.12, GoBGP 3.10, FRR 8.4), each as collector, relay or stand-in peer.</summary>
public enum BgpDaemon
{
    Bird,
    GoBgp,
    Frr,
}
