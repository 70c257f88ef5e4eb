namespace Grid.Grains.Probing;

/// <summary>
/// Who observed a block in a bin, in two columns of sender indices (-1: none): the first sender and
/// one other. Two are enough to tell a block one key alone vouches for from one several saw.
/// </summary>
internal static class BlockSenders
{
    public static void Note(int[] first, int[] other, int row, int sender)
    {
        if (sender < 0 || first[row] == sender || other[row] >= 0)
        {
            return;
        }

        if (first[row] < 0)
        {
            first[row] = sender;
        }
        else
        {
            other[row] = sender;
        }
    }
}
