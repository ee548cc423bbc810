CREATE TABLE "search_changes" (
	"version" bigint NOT NULL,
	"id" text NOT NULL,
	CONSTRAINT "search_changes_pkey" PRIMARY KEY("version","id")
);
