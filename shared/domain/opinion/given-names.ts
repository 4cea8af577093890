/**
 * Common Swedish given names as they are spelt, written for this project from general knowledge of
 * which names are common in Sweden (no register was copied). Used only to read a writer's name out of
 * a URL path, where the paper has dropped capitals and å/ä/ö: a first part that is no given name
 * makes the path segment no name at all, which keeps section names ("min-mening") out.
 */
import { fold } from '../subscriber.ts';

const NAMES = `
Adam Agnes Albin Alexander Alice Alva Amanda Anders André Andreas Ann Anna Anne Anneli Annika Anton
Arne Arvid Axel Barbro Bengt Bertil Birgitta Björn Bo Britt Camilla Carina Carl Caroline Cecilia
Charlotte Christer Christian Christina Claes Clara Dag Dan Daniel David Ebba Edvin Elin Elisabeth
Elias Ella Ellen Elsa Emil Emilia Emma Erik Erika Eva Felix Filip Fredrik Frida Gabriel Gunilla
Gunnar Gustav Gustaf Göran Hanna Hannes Hans Helena Helge Henrik Hugo Håkan Ida Inga Inger
Ingrid Ingvar Isak Jakob Jan Janne Jens Jesper Jessica Joakim Johan Johanna Johannes John Jonas
Jonathan Josefin Josefine Jörgen Karin Karl Kent Kerstin Kim Kjell Klara Kristina Lars Lasse Leif
Lena Lennart Linda Lina Linnea Lisa Liselott Louise Lovisa Ludvig Magnus Maja Malin Malte Marcus
Margareta Maria Marie Marianne Markus Martin Mats Mattias Max Mikael Moa Monica Mårten Niklas Nils
Nina Olle Olof Olov Oscar Oskar Ove Patrik Peter Petra Per Pernilla Pia Pontus Pär Ragnar Rasmus
Robert Roger Rolf Rune Sara Sebastian Simon Sofia Sofie Sten Stefan Stig Sture Susanne Sven Sören
Therese Thomas Tobias Tomas Tommy Tor Torbjörn Tove Ulf Ulla Ulrika Valter Vera Victor Viktor
Viktoria Wilhelm Yvonne Åke Åsa Örjan Östen
Agneta Ahmed Alf Ali Alma Amir Annelie Annette Astrid Bodil Boel Bror Catarina Catharina Dennis
Ebbe Einar Elisabet Elliot Elvira Eric Erland Eskil Ester Fatima Folke Gert Gun Gunnel Gösta Göte
Hampus Harald Hassan Heidi Helen Helene Ingela Ingemar Isabella Jacob Jenny Jimmy Joel Johnny Josef
Josefina Julia Jöran Karina Katarina Kenneth Kristian Kristoffer Leo Liam Lisbeth Lotta Love Lucas
Madeleine Margit Marika Marit Martina Maryam Mathias Matilda Maud Melvin Mia Michael Mikaela
Mohammed Mona Natalie Nicklas Niclas Noah Nora Ola Olivia Omar Paula Paulina Peder Pelle Rebecka
Roland Ronny Rut Saga Sam Samuel Sanna Selma Signe Sigrid Siv Sixten Stina Sune Svante Tage Theo
Tilda Tina Tord Torsten Ture Ulrik Urban Vilhelm Vilma William Wilma Yusuf
`;

const BY_FOLDED: ReadonlyMap<string, string> = new Map(NAMES.trim().split(/\s+/).map((n) => [fold(n), n]));

/** A given name as it is spelt, from its folded form ("goran" → "Göran"), or undefined. */
export const givenName = (folded: string): string | undefined => BY_FOLDED.get(folded);
/** A word that is a common given name, however it is cased or folded. */
export const isGivenName = (word: string): boolean => BY_FOLDED.has(fold(word));
