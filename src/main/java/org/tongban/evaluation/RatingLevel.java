package org.tongban.evaluation;

/**
 * The five levels of 好差评 (GB/T 39734-2020), scored 5..1; the last two are bad ratings (差评) that must be followed
 * up (国办发〔2019〕51号). Labels in {@code evaluation.level.NAME}.
 */
public enum RatingLevel {
    /** 非常满意 */
    VERY_SATISFIED(5),
    /** 满意 */
    SATISFIED(4),
    /** 基本满意 */
    BASICALLY_SATISFIED(3),
    /** 不满意 */
    DISSATISFIED(2),
    /** 非常不满意 */
    VERY_DISSATISFIED(1);

    private final int score;

    RatingLevel(int score) {
        this.score = score;
    }

    public int score() {
        return score;
    }

    /** 差评: 不满意 or 非常不满意. */
    public boolean bad() {
        return score <= 2;
    }

    public static RatingLevel ofScore(int score) {
        for (RatingLevel level : values()) {
            if (level.score == score) {
                return level;
            }
        }
        throw new IllegalArgumentException("score " + score);
    }
}
